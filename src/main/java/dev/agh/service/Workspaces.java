package dev.agh.service;

import dev.agh.api.Requests.AddWorkspace;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Ids;
import dev.agh.domain.Workspace;
import dev.agh.store.StoreTransaction;
import java.nio.file.Path;
import java.time.Instant;

/** Workspace registration and resolution by id, name or path. */
final class Workspaces {
    private Workspaces() {}

    static Workspace resolve(StoreTransaction tx, String ref) {
        String trimmed = ref.trim();
        return tx.workspaces()
                .findByRef(trimmed)
                .or(() -> tx.workspaces().findByRef(normalize(trimmed)))
                .orElseThrow(
                        () -> new AghException(ErrorCode.WORKSPACE_NOT_FOUND, "workspace \"" + ref + "\" not found"));
    }

    static Workspace add(StoreTransaction tx, AddWorkspace r, Instant now) {
        // A label's rules (at most 1,000 characters, no control characters): an unbounded path overflowed
        // PostgreSQL's index row limit (a 500) where H2 stored it.
        String rawPath = Inputs.label("workspace.path", r == null ? null : r.path(), true);
        String path = normalize(rawPath);
        String name = Inputs.label("workspace.name", r.name(), false);
        if (name == null) {
            Path fileName = Path.of(path).getFileName();
            name = fileName == null ? path : fileName.toString();
        }
        if (tx.workspaces().findByRef(path).filter(w -> w.path().equals(path)).isPresent()) {
            throw new AghException(
                    ErrorCode.WORKSPACE_ALREADY_EXISTS, "workspace path \"" + path + "\" is already registered");
        }
        String wanted = name;
        if (tx.workspaces().findByRef(name).filter(w -> w.name().equals(wanted)).isPresent()) {
            throw new AghException(
                    ErrorCode.WORKSPACE_ALREADY_EXISTS, "workspace name \"" + name + "\" is taken; pass --name");
        }
        Workspace workspace = new Workspace(Ids.workspace(), name, path, now);
        tx.workspaces().insert(workspace);
        return workspace;
    }

    static void remove(StoreTransaction tx, String ref) {
        Workspace workspace = resolve(tx, ref);
        if (tx.workspaces().hasTasks(workspace.id())) {
            throw new AghException(
                    ErrorCode.WORKSPACE_IN_USE,
                    "workspace \"" + workspace.name() + "\" still has tasks; delete them first");
        }
        tx.workspaces().delete(workspace.id());
    }

    /** Paths are stored absolute and normalized so "." and "./x/.." name the same workspace. */
    static String normalize(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            throw AghException.invalid("workspace path is not a valid path: " + e.getMessage());
        }
    }
}
