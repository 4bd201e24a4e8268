package dev.agh.observe;

import dev.agh.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parent of each task seen by the feed. A task's parent never changes, so entries stay valid;
 * the cache is bounded and forgets the least recently used. Used by the feed's own thread only.
 */
final class AncestorCache {
    private static final int CAPACITY = 100_000;
    private static final String ROOT = "";

    private final Map<String, String> parents = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Makes sure the ancestors of {@code taskIds} are known, loading missing levels in one query each. */
    void load(StoreTransaction tx, Collection<String> taskIds) {
        Set<String> missing = new HashSet<>();
        for (String id : taskIds) {
            if (!parents.containsKey(id)) {
                missing.add(id);
            }
        }
        while (!missing.isEmpty()) {
            Map<String, String> found = tx.trees().parents(missing);
            parents.putAll(found);
            missing = new HashSet<>();
            for (String parent : found.values()) {
                if (!parent.equals(ROOT) && !parents.containsKey(parent)) {
                    missing.add(parent);
                }
            }
        }
    }

    /** {@code taskId}, its parent, grandparent... as far as known (a deleted task is its own chain). */
    List<String> chain(String taskId) {
        List<String> chain = new ArrayList<>(4);
        String at = taskId;
        while (at != null && !at.equals(ROOT) && chain.size() <= 64) {
            chain.add(at);
            at = parents.get(at);
        }
        return chain;
    }
}
