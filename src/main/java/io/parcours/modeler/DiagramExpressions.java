package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parcours.journey.ReadableInDiagrams;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * What the expressions of a deployed diagram may read. The engine evaluates them with its
 * own rights and can reach every Spring bean and, through the execution, the whole
 * engine: whoever may deploy (marketers, from the Modeler) could otherwise make
 * themselves admin or read any table. So an expression may read process variables,
 * compare and combine them, and call the engine's functions ({@code now()},
 * {@code currentUser()}); a step may name a Parcours step bean as its whole delegate
 * expression ({@code ${sendEmail}}); a Parcours bean marked {@link ReadableInDiagrams}
 * may be read. Nothing else: no method call on any object, no other bean, no
 * {@code execution} or {@code task}.
 */
@Component
class DiagramExpressions {

	private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask",
			"variableScope", "processEngine", "processEngineServices", "processEngineConfiguration",
			"applicationContext");

	private static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

	private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "div",
			"mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof");

	private final ListableBeanFactory beans;

	DiagramExpressions(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/**
	 * What is wrong with the expressions in an attribute or text, in words for a
	 * marketer; empty when nothing is.
	 * @param stepCall the value names the code a step or listener runs (a delegate
	 * expression)
	 */
	List<String> problems(String value, boolean stepCall) {
		List<String> problems = new ArrayList<>();
		for (String expression : expressionsIn(value)) {
			problems.addAll(problemsOf(expression, stepCall && value.strip().equals("${" + expression + "}")));
		}
		return problems;
	}

	private List<String> problemsOf(String expression, boolean wholeStepCall) {
		List<String> problems = new ArrayList<>();
		int i = 0;
		char previous = ' ';
		while (i < expression.length()) {
			char c = expression.charAt(i);
			if (c == '\'' || c == '"') {
				int end = endOfString(expression, i);
				// x['class'] reads like x.class
				if (previous == '[' && isClassName(expression.substring(i + 1, Math.max(i + 1, end - 1)))) {
					problems.add("reads the Java class of a value");
				}
				i = end;
				previous = 'x';
				continue;
			}
			if (!Character.isJavaIdentifierStart(c)) {
				if (c == '(' && previous == ']') {
					problems.add("calls a method, and diagrams may only read values");
				}
				if (!Character.isWhitespace(c)) {
					previous = c;
				}
				i++;
				continue;
			}
			int end = i;
			while (end < expression.length() && Character.isJavaIdentifierPart(expression.charAt(end))) {
				end++;
			}
			String name = expression.substring(i, end);
			char next = nextSignificant(expression, end);
			if (previous == '.') {
				if (next == '(') {
					problems.add("calls the method " + name + "(...), and diagrams may only read values");
				}
				else if (isClassName(name)) {
					problems.add("reads the Java class of a value");
				}
			}
			else if (!KEYWORDS.contains(name)) {
				problemOfName(name, next, wholeStepCall).ifPresent(problems::add);
			}
			previous = 'x';
			i = end;
		}
		return problems;
	}

	private Optional<String> problemOfName(String name, char next, boolean wholeStepCall) {
		if (next == ':') {
			return Optional.of("uses the function library '" + name + "', which Parcours does not offer");
		}
		if (next == '(') {
			return FUNCTIONS.contains(name) ? Optional.empty() : java.util.Optional
				.of("calls " + name + "(...); the functions a diagram may use are " + String.join(", ", FUNCTIONS));
		}
		if (ENGINE_OBJECTS.contains(name)) {
			return Optional.of("reads '" + name + "', which gives access to the whole engine");
		}
		if (!beans.containsBean(name)) {
			return Optional.empty();
		}
		if (wholeStepCall && isParcoursStep(name)) {
			return Optional.empty();
		}
		Class<?> type = beans.getType(name);
		if (type != null && AnnotationUtils.findAnnotation(type, ReadableInDiagrams.class) != null) {
			return Optional.empty();
		}
		return Optional.of("reads '" + name + "', a part of the application diagrams may not use"
				+ (isParcoursStep(name) ? " (a step: name it alone, as ${" + name + "}, in the step's template)" : ""));
	}

	private boolean isParcoursStep(String name) {
		Class<?> type = beans.getType(name);
		return type != null && type.getName().startsWith("io.parcours.") && (JavaDelegate.class.isAssignableFrom(type)
				|| TaskListener.class.isAssignableFrom(type) || ExecutionListener.class.isAssignableFrom(type));
	}

	private static boolean isClassName(String member) {
		return member.strip().equals("class") || member.strip().equals("declaringClass");
	}

	/** The bodies of the {@code ${...}} and {@code #{...}} expressions in a value. */
	static List<String> expressionsIn(String value) {
		List<String> expressions = new ArrayList<>();
		int i = 0;
		while (i < value.length() - 1) {
			char c = value.charAt(i);
			if ((c == '$' || c == '#') && value.charAt(i + 1) == '{') {
				int end = closingBrace(value, i + 2);
				expressions.add(value.substring(i + 2, Math.min(end, value.length())));
				i = end + 1;
			}
			else {
				i++;
			}
		}
		return expressions;
	}

	private static int closingBrace(String value, int from) {
		int depth = 0;
		int i = from;
		while (i < value.length()) {
			char c = value.charAt(i);
			if (c == '\'' || c == '"') {
				i = endOfString(value, i);
				continue;
			}
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				if (depth == 0) {
					return i;
				}
				depth--;
			}
			i++;
		}
		return value.length();
	}

	/** The index after the string literal opening at {@code start}. */
	private static int endOfString(String text, int start) {
		char quote = text.charAt(start);
		int i = start + 1;
		while (i < text.length() && text.charAt(i) != quote) {
			i += text.charAt(i) == '\\' ? 2 : 1;
		}
		return i + 1;
	}

	private static char nextSignificant(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return text.charAt(i);
			}
		}
		return ' ';
	}

}
