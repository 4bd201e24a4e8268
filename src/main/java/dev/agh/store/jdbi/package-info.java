/** The Jdbi implementation of the storage port, for H2 (embedded) and PostgreSQL (several nodes). */
package dev.agh.store.jdbi;
