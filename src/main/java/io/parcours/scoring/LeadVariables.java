package io.parcours.scoring;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import io.parcours.event.LeadCreated;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of the {@code b2b-nurturing} journey: the lead's company facts and score
 * numbers. Business facts only; the contact's name and email stay in the contact table.
 */
public final class LeadVariables {

	public static final String COMPANY = "company";

	public static final String JOB_TITLE = "jobTitle";

	public static final String COMPANY_SIZE = "companySize";

	public static final String INDUSTRY = "industry";

	public static final String COUNTRY = "country";

	public static final String SOURCE = "source";

	public static final String FIT_SCORE = "fitScore";

	public static final String ENGAGEMENT_SCORE = "engagementScore";

	public static final String LEAD_SCORE = "leadScore";

	public static final String HOT_THRESHOLD = "hotThreshold";

	public static final String DEMO_REQUESTED = "demoRequested";

	/**
	 * When the lead was created (its {@code lead.created}): activities since, a demo
	 * request reported before it included, belong to this lead.
	 */
	public static final String CREATED_AT = "leadCreatedAt";

	/**
	 * As of when the journey's company facts are (the lead's creation, or a later
	 * {@code lead.created} that brought new ones): an older report changes nothing.
	 */
	public static final String DETAILS_AT = "leadDetailsAt";

	/** True for executives and directors: the nurturing emails' business-case version. */
	public static final String DECISION_MAKER = "decisionMaker";

	/** ISO 8601 duration between two nurturing emails. */
	public static final String NURTURE_INTERVAL = "nurtureInterval";

	/** How long the lead stays watched after the last nurturing email (ISO 8601). */
	public static final String INTEREST_WATCH = "interestWatch";

	/**
	 * How many of the nurturing emails the lead has had (sent, or skipped by the delivery
	 * policy): a lead recycled by sales resumes the series after them instead of reading
	 * the first email again.
	 */
	public static final String NURTURE_EMAILS_SENT = "nurtureEmailsSent";

	/** The activity a {@code LeadActivity} message brings, its event id and time. */
	public static final String ACTIVITY = "activity";

	public static final String ACTIVITY_EVENT_ID = "activityEventId";

	public static final String ACTIVITY_AT = "activityAt";

	private LeadVariables() {
	}

	static Map<String, Object> ofLead(LeadCreated lead) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(COMPANY, lead.company());
		variables.put(JOB_TITLE, given(lead.jobTitle()));
		variables.put(COMPANY_SIZE, lead.companySize());
		variables.put(INDUSTRY, given(lead.industry()));
		variables.put(COUNTRY, lead.country());
		variables.put(SOURCE, given(lead.source()));
		return variables;
	}

	/** A blank text is no text: emails then read their version without it. */
	private static String given(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	public static LeadProfile profile(VariableScope scope) {
		return new LeadProfile((String) scope.getVariable(JOB_TITLE), (Integer) scope.getVariable(COMPANY_SIZE),
				(String) scope.getVariable(INDUSTRY), (String) scope.getVariable(COUNTRY));
	}

	public static void setScore(VariableScope scope, LeadScore score) {
		scope.setVariable(FIT_SCORE, score.fit());
		scope.setVariable(ENGAGEMENT_SCORE, score.engagement());
		scope.setVariable(DEMO_REQUESTED, score.demoRequested());
		// set last: the hot-lead condition is evaluated on each change
		scope.setVariable(LEAD_SCORE, score.total());
	}

	/** The key under which an activity event's points are recorded, once. */
	public static String activityKey(String eventId) {
		return "event:" + eventId;
	}

	static Map<String, Object> ofActivity(String activity, String eventId, Date at) {
		return Map.of(ACTIVITY, activity, ACTIVITY_EVENT_ID, eventId, ACTIVITY_AT, at);
	}

}
