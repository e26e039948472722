package io.parcours.testrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.contact.Channel;
import io.parcours.sales.StaffNotified;
import io.parcours.testrun.TestRunReport.Entry;
import io.parcours.testrun.TestRunReport.Message;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;

/**
 * Writes down, after each move of the test run, what the engine did (the activities the
 * test contact passed) and the messages it rendered, stamped with the simulated time.
 */
class TestRunRecorder {

	private final HistoryService history;

	private final Messages messages;

	private final TestRunStaffNotifications staffNotifications;

	private final String contactId;

	/** Containers, not places a journey waits at. */
	private static final Set<String> NOT_WAITS = Set.of("subProcess", "multiInstanceBody", "transaction");

	private final Set<String> seen = new HashSet<>();

	private final List<Entry> timeline = new ArrayList<>();

	private final List<Message> rendered = new ArrayList<>();

	TestRunRecorder(HistoryService history, Messages messages, TestRunStaffNotifications staffNotifications,
			String contactId) {
		this.history = history;
		this.messages = messages;
		this.staffNotifications = staffNotifications;
		this.contactId = contactId;
	}

	/** The steps the test contact's journeys wait at now (a task, a message, a timer). */
	List<String> waitingAt() {
		return history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.unfinished()
			.list()
			.stream()
			.flatMap(instance -> history.createHistoricActivityInstanceQuery()
				.processInstanceId(instance.getId())
				.unfinished()
				.list()
				.stream())
			.filter(activity -> !NOT_WAITS.contains(activity.getActivityType()))
			.map(activity -> activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId())
			.distinct()
			.toList();
	}

	void snapshot(Duration at) {
		List<String> instances = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.list()
			.stream()
			.map(instance -> instance.getId())
			.toList();
		instances.stream()
			.flatMap(instance -> history.createHistoricActivityInstanceQuery()
				.processInstanceId(instance)
				.orderByHistoricActivityInstanceStartTime()
				.asc()
				.orderPartiallyByOccurrence()
				.asc()
				.list()
				.stream())
			.filter(activity -> seen.add(activity.getId()))
			.filter(activity -> !activity.getActivityType().equals("multiInstanceBody"))
			.forEach(activity -> timeline.add(activity(at, activity)));
		// a deferred message shows when it is decided: at the moment it would go
		messages.ofContact(contactId)
			.stream()
			.filter(message -> message.status() != MessageStatus.DEFERRED)
			.filter(message -> seen.add("message:" + message.id()))
			.forEach(message -> rendered.add(message(at, message)));
		staffNotifications.take(contactId).forEach(notification -> rendered.add(message(at, notification)));
	}

	/**
	 * {@code name}: the step's, or null when it has none (the dashboard shows its id).
	 */
	void waited(Duration at, String journey, String activityId, String name, String written) {
		add(at, "wait", journey, activityId, name, null, written == null ? "timer" : "waited " + written);
	}

	void deferred(Duration at, String journey, String activityId, String name, String why) {
		add(at, "deferred", journey, activityId, name, null, why);
	}

	void event(Duration at, String type, String detail) {
		add(at, "event", null, null, type, null, detail);
	}

	void failure(Duration at, String journey, String activityId, String name, String message) {
		add(at, "failure", journey, activityId, name, null, message);
	}

	List<Entry> timeline() {
		return List.copyOf(timeline);
	}

	List<Message> messages() {
		return List.copyOf(rendered);
	}

	private void add(Duration at, String kind, String journey, String activityId, String name, String type,
			String detail) {
		timeline.add(new Entry(SimulatedTime.iso(at), SimulatedTime.days(at), kind, journey, activityId, name, type,
				detail));
	}

	private static Entry activity(Duration at, HistoricActivityInstance activity) {
		return new Entry(SimulatedTime.iso(at), SimulatedTime.days(at), "activity", activity.getProcessDefinitionKey(),
				activity.getActivityId(),
				activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId(),
				activity.getActivityType(), null);
	}

	private static Message message(Duration at, MessageRecord message) {
		return new Message(SimulatedTime.iso(at), SimulatedTime.days(at), Message.TO_CONTACT, message.journey(),
				message.step(), message.variant(), message.channel().value(), message.template(),
				message.status().value(), message.reason(), message.provider(), message.subject(), message.body());
	}

	private static Message message(Duration at, StaffNotified notification) {
		return new Message(SimulatedTime.iso(at), SimulatedTime.days(at), "sales user " + notification.userId(),
				notification.journey(), notification.step(), null, Channel.EMAIL.value(), notification.template(),
				MessageStatus.SENT.value(), null, notification.provider(), notification.subject(), notification.body());
	}

}
