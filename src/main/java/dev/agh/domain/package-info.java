/** The vocabulary of agh: tasks, runs, statuses and the rules between them; depends on the JDK only. */
package dev.agh.domain;
