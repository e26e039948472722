package io.parcours.journey;

/**
 * An engine exception that refuses what a client sent (a task input, a deployment), not a
 * failure of the engine. The engine wraps what its listeners throw; such an exception is
 * handed back to the caller as it was thrown, so the engine REST API answers 400 with its
 * message (see the config package's engine interceptors).
 */
public interface ClientRefusal {

}
