package io.parcours.channel;

import java.util.Map;

/**
 * Data a message template may show that is too large for process variables or must be
 * current at send time (e.g. the items of a cart), looked up from the step's variables
 * when the message is rendered.
 */
public interface TemplateData {

	/**
	 * Values to add to the template model; empty when the variables say nothing of ours.
	 */
	Map<String, Object> lookUp(Map<String, Object> variables);

}
