package io.parcours.config;

import java.lang.reflect.Field;
import java.util.Optional;

import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * What an engine command was given (its task, its user), which the engine's commands keep
 * to themselves: read by field name, up the command's class hierarchy.
 */
final class CommandFields {

	private CommandFields() {
	}

	static Optional<Object> of(Command<?> command, String name) {
		for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return Optional.ofNullable(field.get(command));
			}
			catch (NoSuchFieldException notHere) {
				// a subclass: look further up
			}
			catch (ReflectiveOperationException | RuntimeException closed) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	static Optional<String> text(Command<?> command, String name) {
		return of(command, name).filter(String.class::isInstance).map(String.class::cast);
	}

}
