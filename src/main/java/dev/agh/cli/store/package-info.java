/**
 * {@code agh store}: the health, retention, backup and restore of the store, each through the process that owns
 * it (restore alone stops that process first: a store cannot be replaced under its owner).
 */
package dev.agh.cli.store;
