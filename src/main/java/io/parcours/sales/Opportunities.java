package io.parcours.sales;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;

/**
 * Builds the opportunity of an accepted lead from the journey's facts, the rep who
 * qualified it and the contact's current details, and pushes it to the CRM.
 */
@Service
public class Opportunities {

	/** The user task whose completion accepts the lead. */
	public static final String QUALIFY_TASK = "Task_QualifyHotLead";

	private final CrmPush crm;

	private final ContactService contacts;

	private final HistoryService history;

	private final Clock clock;

	Opportunities(CrmPush crm, ContactService contacts, HistoryService history, Clock clock) {
		this.crm = crm;
		this.contacts = contacts;
		this.history = history;
		this.clock = clock;
	}

	public void push(String processInstanceId, String contactId, VariableScope journey) {
		Contact contact = contacts.find(contactId).orElse(null);
		var person = contact == null ? null : new Opportunity.Person(contact.firstName(), contact.email(),
				contact.phone(), (String) journey.getVariable(LeadVariables.JOB_TITLE));
		var company = new Opportunity.Company((String) journey.getVariable(LeadVariables.COMPANY),
				(Integer) journey.getVariable(LeadVariables.COMPANY_SIZE),
				(String) journey.getVariable(LeadVariables.INDUSTRY),
				(String) journey.getVariable(LeadVariables.COUNTRY),
				(String) journey.getVariable(LeadVariables.SOURCE));
		var score = journey.hasVariable(SalesVariables.QUALIFIED_SCORE)
				? new Opportunity.Score(number(journey, SalesVariables.QUALIFIED_FIT),
						number(journey, SalesVariables.QUALIFIED_ENGAGEMENT),
						number(journey, SalesVariables.QUALIFIED_SCORE))
				: new Opportunity.Score(number(journey, LeadVariables.FIT_SCORE),
						number(journey, LeadVariables.ENGAGEMENT_SCORE), number(journey, LeadVariables.LEAD_SCORE));
		crm.push(new Opportunity(processInstanceId, contactId, person, company, score,
				qualifiedBy(processInstanceId, journey), (String) journey.getVariable(SalesVariables.REASON),
				(String) journey.getVariable(SalesVariables.NOTES), qualifiedAt(journey)));
	}

	/**
	 * The user who completed the qualification (recorded with the decision), else the
	 * task's last assignee, else the owner the routing picked.
	 */
	private String qualifiedBy(String processInstanceId, VariableScope journey) {
		Object recorded = journey.getVariable(SalesVariables.QUALIFIED_BY);
		if (recorded != null) {
			return recorded.toString();
		}
		return history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(QUALIFY_TASK)
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.desc()
			.list()
			.stream()
			.map(HistoricTaskInstance::getAssignee)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(Objects.requireNonNullElse((String) journey.getVariable(SalesVariables.SALES_REP),
					(String) journey.getVariable(SalesVariables.SALES_GROUP)));
	}

	/** When the rep decided: the same on every retry of the push. */
	private Instant qualifiedAt(VariableScope journey) {
		Object recorded = journey.getVariable(SalesVariables.QUALIFIED_AT);
		return recorded != null ? Instant.parse(recorded.toString()) : clock.instant();
	}

	private static int number(VariableScope journey, String name) {
		Object value = journey.getVariable(name);
		return value instanceof Number number ? number.intValue() : 0;
	}

}
