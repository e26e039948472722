-- a contact's revenue adds up the orders in one currency, that of their first order: amounts in
-- different currencies are never added together (orders in others are listed by currency apart)
alter table contact add column revenue_currency varchar(3);
update contact set revenue_currency = (select o.currency from customer_order o where o.contact_id = contact.id
  order by o.ordered_at, o.order_id limit 1);
update contact set revenue = (select coalesce(sum(o.amount), 0) from customer_order o
  where o.contact_id = contact.id and o.currency = contact.revenue_currency)
where revenue_currency is not null;
