package io.parcours.bench.load;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bare engine's share of the work: the start message of a trivial process (start, one
 * wait state), correlated through the engine's own REST API, with the same HTTP stack,
 * the same authentication and the same database as our events.
 */
final class BareEngineCalls implements Supplier<LoadGenerator.Call> {

	static final String MESSAGE = "BenchStarted";

	static final String BPMN = """
			<?xml version="1.0" encoding="UTF-8"?>
			<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
			    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_bench" targetNamespace="bench">
			  <bpmn:message id="Message_BenchStarted" name="BenchStarted" />
			  <bpmn:message id="Message_OrderCompleted" name="OrderCompleted" />
			  <bpmn:process id="bench-trivial" name="Bench trivial" isExecutable="true" camunda:historyTimeToLive="P1D">
			    <bpmn:startEvent id="StartEvent_Started" name="Started">
			      <bpmn:outgoing>Flow_ToWait</bpmn:outgoing>
			      <bpmn:messageEventDefinition messageRef="Message_BenchStarted" />
			    </bpmn:startEvent>
			    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="StartEvent_Started" targetRef="Task_Wait" />
			    <bpmn:receiveTask id="Task_Wait" name="Wait for an order" messageRef="Message_OrderCompleted" />
			  </bpmn:process>
			</bpmn:definitions>
			""";

	private final URI message;

	private final String run;

	private final AtomicLong sequence = new AtomicLong();

	BareEngineCalls(URI message, String run) {
		this.message = message;
		this.run = run;
	}

	@Override
	public LoadGenerator.Call get() {
		long n = sequence.incrementAndGet();
		String json = """
				{"messageName": "%s", "businessKey": "b-%s-%d", "processVariables": {"contactId": {"value": "b-%s-%d"}}}"""
			.formatted(MESSAGE, run, n, run, n);
		return new LoadGenerator.Call(message, json, response -> {
		});
	}

}
