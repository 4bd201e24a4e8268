/**
 * Read models of the live views: timelines, trees, triage, and the {@link dev.agh.observe.EventFeed}
 * that follows the event log for stream subscribers.
 */
package dev.agh.observe;
