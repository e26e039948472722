package io.parcours.channel.process;

import io.parcours.channel.DeferredMessages;
import io.parcours.journey.ProcessListeners;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A journey that ends (an order, a cancellation by ops) while a send step waits for quiet
 * hours to pass takes the deferred message with it: the message becomes {@code skipped}
 * with reason {@code journey-ended} instead of looking as if it were still coming. Every
 * journey gets this at deployment; no diagram needs to say it.
 */
@Component
class DeferredMessagesAtJourneyEnd extends AbstractCamundaConfiguration {

	private final DeferredMessages deferred;

	DeferredMessagesAtJourneyEnd(@Lazy DeferredMessages deferred) {
		this.deferred = deferred;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_END, journey -> execution -> deferred
			.journeyEnded(execution.getProcessBusinessKey(), execution.getProcessInstanceId()));
	}

}
