/**
 * Bulk seeding of a large, realistic store for the dashboard and inbox benchmarks ({@code agh bench dashboard}):
 * JDBC batches straight into the tables, so it lives with the schema it writes, in the store adapter.
 */
package dev.agh.store.jdbi.seed;
