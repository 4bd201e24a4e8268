package dev.agh.store;

import dev.agh.domain.Event;
import java.util.List;

/** The append-only event log. */
public interface EventTable {
  /** Appends the event with the next global sequence and returns that sequence. */
  long append(Event event);

  /** This task's events, newest first. */
  List<Event> ofTask(String taskId);
}
