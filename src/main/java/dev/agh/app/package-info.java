/** Composition root: configuration, the data directory, opening the store and choosing local or remote. */
package dev.agh.app;
