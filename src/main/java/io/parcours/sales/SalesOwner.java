package io.parcours.sales;

/**
 * Who qualifies a hot lead: a sales group (candidate group) and, when one rep owns the
 * territory, that rep (assignee; may be null).
 */
record SalesOwner(String group, String rep) {
}
