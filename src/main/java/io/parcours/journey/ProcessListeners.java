package io.parcours.journey;

import java.util.ArrayList;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * Listeners Parcours puts on the start or end of processes at deployment, so that no
 * diagram needs to say them (and no marketer can leave them out).
 */
public final class ProcessListeners {

	private ProcessListeners() {
	}

	/**
	 * Adds, at each process's {@code event} ({@link ExecutionListener#EVENTNAME_START} or
	 * {@code END}), the listener {@code listenerFor} gives for the process's key; none
	 * when it gives {@code null}.
	 */
	public static void add(SpringProcessEngineConfiguration configuration, String event,
			Function<String, ExecutionListener> listenerFor) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
				ExecutionListener listener = listenerFor.apply(process.getKey());
				if (listener != null) {
					// built in: a start or restart skipping custom listeners passes them
					// too
					process.addBuiltInListener(event, listener);
				}
			}

		});
	}

}
