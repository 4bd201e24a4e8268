package dev.agh.store;

import java.util.function.Function;

/**
 * Read access to the {@link ObserveTable} of a store, in one read-only transaction per call (one
 * snapshot where the engine offers it), for the dashboard and the inbox.
 *
 * <p>Interim seam: once {@code StoreTransaction} gains {@code ObserveTable observe()}, callers can use
 * {@code store.read(tx -> ... tx.observe() ...)} instead and this interface can go.
 */
public interface ObserveStore {
    <T> T read(Function<ObserveTable, T> work);
}
