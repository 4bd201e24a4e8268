/** The use cases of agh behind one port ({@link dev.agh.service.TaskService}), and their local implementation. */
package dev.agh.service;
