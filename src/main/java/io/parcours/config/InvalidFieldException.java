package io.parcours.config;

import java.util.List;

/**
 * Bad input found after binding (rules that depend on other fields): answered with 400.
 */
public class InvalidFieldException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidFieldException(List<FieldProblem> problems) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
	}

	public InvalidFieldException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

}
