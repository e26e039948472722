package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parcours.journey.ReadableInDiagrams;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
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

	/**
	 * The engine's expression language, method calls included (refused below, but read).
	 */
	private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

	private final ListableBeanFactory beans;

	DiagramExpressions(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/**
	 * What is wrong with the expressions in an attribute or text, in words for a
	 * marketer; empty when nothing is. The value is read by the engine's own expression
	 * parser, so what is checked is what the engine would run.
	 * @param stepCall the value names the code a step or listener runs (a delegate
	 * expression)
	 */
	List<String> problems(String value, boolean stepCall) {
		if (value == null || !value.contains("{")) {
			return List.of();
		}
		Tree tree;
		try {
			tree = PARSER.build(value);
		}
		catch (TreeBuilderException unreadable) {
			return List.of("cannot be read as an expression: " + unreadable.getMessage());
		}
		List<String> problems = new ArrayList<>();
		boolean wholeStepCall = stepCall && tree.getRoot() instanceof AstEval eval
				&& eval.getChild(0) instanceof AstIdentifier;
		visit(tree.getRoot(), wholeStepCall, problems);
		return problems;
	}

	private void visit(Node node, boolean wholeStepCall, List<String> problems) {
		if (node instanceof AstMethod method) {
			String name = method.getChild(0) instanceof AstDot dot ? memberName(dot) + "(...)" : "a method";
			problems.add("calls the method " + name + ", and diagrams may only read values");
		}
		else if (node instanceof AstFunction function) {
			if (!FUNCTIONS.contains(function.getName())) {
				problems.add("calls " + function.getName() + "(...); the functions a diagram may use are "
						+ String.join(", ", FUNCTIONS));
			}
		}
		else if (node instanceof AstIdentifier identifier) {
			problemOfName(identifier.getName(), wholeStepCall).ifPresent(problems::add);
		}
		else if (node instanceof AstDot dot) {
			checkMember(memberName(dot), problems);
		}
		else if (node instanceof AstBracket bracket) {
			Node member = bracket.getChild(1);
			if (member instanceof AstString name) {
				checkMember(String.valueOf(name.eval(null, null)), problems);
			}
			else if (!(member instanceof AstNumber)) {
				problems.add("reads a property by a computed name");
			}
		}
		for (int i = 0; i < node.getCardinality(); i++) {
			visit(node.getChild(i), wholeStepCall, problems);
		}
	}

	/** The property a {@code .name} reads (the node prints as {@code ". name"}). */
	private static String memberName(AstDot dot) {
		return dot.toString().replaceFirst("^\\W+", "");
	}

	private static void checkMember(String member, List<String> problems) {
		if (member.strip().equals("class") || member.strip().equals("declaringClass")) {
			problems.add("reads the Java class of a value");
		}
	}

	private Optional<String> problemOfName(String name, boolean wholeStepCall) {
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

}
