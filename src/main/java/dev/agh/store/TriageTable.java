package dev.agh.store;

import dev.agh.domain.Actor;
import dev.agh.domain.Triage;
import java.util.List;
import java.util.Optional;

/** Per-caller triage state of tasks; a missing row means untouched. */
public interface TriageTable {
    Optional<Triage> find(String taskId, Actor actor);

    /** Inserts or replaces the row of (task, actor). */
    void save(Triage triage);

    /** Every row of one actor, most recently triaged first (for the inbox). */
    List<Triage> ofActor(Actor actor);
}
