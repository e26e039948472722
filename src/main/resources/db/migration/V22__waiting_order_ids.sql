-- An order event waiting for its retry (its journey suspended) holds its order id: another contact's order
-- with the same id is refused, as it is once the order is recorded, instead of taking the id meanwhile.
alter table inbound_event add column order_id varchar(100);
create index inbound_event_order on inbound_event (order_id);
