/** agh: a durable task queue and task tracker for AI agents and their operators. */
package dev.agh;
