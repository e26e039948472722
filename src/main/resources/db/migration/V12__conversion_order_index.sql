-- A cart reported after the order that followed it is recovered by that order unless the order already
-- recovered another cart: the lookup of an order's conversions reads this index
create index conversion_order on conversion (order_id);
