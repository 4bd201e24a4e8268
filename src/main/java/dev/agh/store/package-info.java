/** The storage port: transactions and per-table operations the service needs, plus schema migrations. */
package dev.agh.store;
