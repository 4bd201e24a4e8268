/** {@link dev.agh.service.TaskService} over HTTP against {@code agh serve}, mapping error bodies back to codes. */
package dev.agh.client;
