/** Tests of the store's own machinery below the service: how the embedded H2 file is kept. */
package dev.agh.store.jdbi;
