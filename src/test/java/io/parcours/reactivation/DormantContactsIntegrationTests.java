package io.parcours.reactivation;

import static io.parcours.config.Sql.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of "dormant": a last order older than 90 days (to the second), consent on a
 * channel, not in the reactivation journey, not reactivated or lapsed in the last 180
 * days; read in id order, page after page.
 */
@ParcoursTest
class DormantContactsIntegrationTests {

	static final Duration DORMANT_AFTER = Duration.ofDays(90);

	static final Duration REENTRY_WINDOW = Duration.ofDays(180);

	@Autowired
	DormantContacts dormant;

	@Autowired
	DormantCustomers customers;

	@Autowired
	TestContacts testContacts;

	@Autowired
	ContactService contacts;

	@Autowired
	Journeys journeys;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	Instant now;

	@BeforeEach
	void fixNow() {
		// the database keeps microseconds: a boundary to the nanosecond would round
		now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	@Test
	void aCustomerIsDormantOnlyWhenTheLastOrderIsOlderThanTheCutOff() {
		Contact justOlder = customers.lastOrderedAt(cutOff().minusSeconds(1), true, false);
		Contact exactlyAtCutOff = customers.lastOrderedAt(cutOff(), true, false);
		Contact day89 = customers.lastOrderedAt(now.minus(Duration.ofDays(89)), true, false);
		Contact day91 = customers.lastOrderedAt(now.minus(Duration.ofDays(91)), true, false);
		Contact neverOrdered = testContacts.withConsent(true, true);

		assertThat(dormantAmong(justOlder, exactlyAtCutOff, day89, day91, neverOrdered))
			.containsExactlyInAnyOrder(justOlder.id(), day91.id());
	}

	@Test
	void aDormantCustomerNeedsConsentOnAtLeastOneChannel() {
		Contact emailOnly = customers.dormant(true, false);
		Contact smsOnly = customers.dormant(false, true);
		Contact none = customers.dormant(false, false);
		Contact withdrawn = customers.dormant(true, false);
		contacts.withdrawConsent(withdrawn.id(), java.util.Set.of(Channel.EMAIL), now, "test");

		assertThat(dormantAmong(emailOnly, smsOnly, none, withdrawn)).containsExactlyInAnyOrder(emailOnly.id(),
				smsOnly.id());
	}

	/** A consent to a channel the contact has no address on reaches nobody. */
	@Test
	void theConsentMustBeToAChannelTheContactCanBeReachedOn() {
		Contact smsWithoutPhone = withoutAddressOn(customers.dormant(false, true), Channel.SMS);
		Contact emailWithoutAddress = withoutAddressOn(customers.dormant(true, false), Channel.EMAIL);
		Contact smsWithoutPhoneButEmail = withoutAddressOn(customers.dormant(true, true), Channel.SMS);

		assertThat(dormantAmong(smsWithoutPhone, emailWithoutAddress, smsWithoutPhoneButEmail))
			.containsExactly(smsWithoutPhoneButEmail.id());
	}

	private Contact withoutAddressOn(Contact contact, Channel channel) {
		contacts.replace(contact.id(),
				new ContactDetails(channel == Channel.EMAIL ? null : contact.email(),
						channel == Channel.SMS ? null : contact.phone(), contact.firstName(), contact.locale(),
						contact.timeZone(), Map.of()),
				"test");
		return contact;
	}

	@Test
	void aCustomerAlreadyInTheReactivationJourneyIsNotDormantAgain() {
		Contact inReactivation = customers.dormant(true, false);
		runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION, inReactivation.id(),
				Map.of(SweepVariables.SEND_AT, new java.util.Date()));
		Contact inWelcome = customers.dormant(true, false);
		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, inWelcome.id(), Map.of());

		assertThat(dormantAmong(inReactivation, inWelcome)).containsExactly(inWelcome.id());
	}

	@Test
	void aCustomerReactivatedOrLapsedWithinTheReentryWindowWaitsForItToPass() {
		Contact lapsed179DaysAgo = ended("lapsed", Duration.ofDays(179));
		Contact lapsedAtTheWindowsEdge = ended("lapsed", REENTRY_WINDOW);
		Contact lapsed181DaysAgo = ended("lapsed", Duration.ofDays(181));
		Contact reactivated100DaysAgo = ended("reactivated", Duration.ofDays(100));
		Contact reactivated200DaysAgo = ended("reactivated", Duration.ofDays(200));
		Contact cancelledYesterday = ended("cancelled", Duration.ofDays(1));

		assertThat(dormantAmong(lapsed179DaysAgo, lapsedAtTheWindowsEdge, lapsed181DaysAgo, reactivated100DaysAgo,
				reactivated200DaysAgo, cancelledYesterday))
			.containsExactlyInAnyOrder(lapsed181DaysAgo.id(), reactivated200DaysAgo.id(), cancelledYesterday.id());
	}

	/**
	 * A journey that lapses while a page is read (its outcome and the end of its
	 * execution commit together) is seen running or lapsed, never neither: the contact is
	 * not enrolled again inside the re-entry window.
	 */
	@Test
	void aJourneyLapsingWhileThePageIsReadIsNotEnrolledAgain() {
		Contact contact = customers.dormant(true, false);
		String journey = runtime
			.startProcessInstanceByKey(ProcessKeys.REACTIVATION, contact.id(),
					Map.of(SweepVariables.SEND_AT, new java.util.Date()))
			.getId();
		jdbc.sql("""
				insert into reactivation_enrolment (sweep_id, contact_id, process_instance_id, enrolled_at)
				values ('earlier-sweep', ?, ?, ?)""").params(contact.id(), journey, at(now)).update();
		DormantContacts reading = new DormantContacts(
				JdbcClient.create(runningBeforeReading(() -> transactions.executeWithoutResult(tx -> {
					runtime.deleteProcessInstance(journey, "lapsed");
					jdbc.sql(
							"update reactivation_enrolment set outcome = 'lapsed', ended_at = ? where process_instance_id = ?")
						.params(at(now), journey)
						.update();
				}))));

		assertThat(reading.page(null, cutOff(), reentryAfter(), 1_000_000).dormant()).doesNotContain(contact.id());
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isZero();
	}

	/**
	 * The database, where the journey ends the moment the running journeys are asked for.
	 */
	private DataSource runningBeforeReading(Runnable journeyEnds) {
		AtomicBoolean ended = new AtomicBoolean();
		return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
				(proxy, method, arguments) -> {
					Object result = call(method, dataSource, arguments);
					if (!(result instanceof Connection connection)) {
						return result;
					}
					return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
							(connectionProxy, connectionMethod, connectionArguments) -> {
								if (connectionMethod.getName().equals("prepareStatement")
										&& String.valueOf(connectionArguments[0]).contains("ACT_RU_EXECUTION")
										&& ended.compareAndSet(false, true)) {
									journeyEnds.run();
								}
								return call(connectionMethod, connection, connectionArguments);
							});
				});
	}

	private static Object call(Method method, Object target, Object[] arguments) throws Throwable {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	@Test
	void pagesFollowEachOtherInContactIdOrder() {
		List<String> ids = List
			.of(customers.dormant(true, false), customers.dormant(true, false), customers.dormant(true, false))
			.stream()
			.map(Contact::id)
			.sorted()
			.toList();

		List<String> afterFirst = dormant.page(ids.get(0), cutOff(), reentryAfter(), 100_000).dormant();

		assertThat(afterFirst).isSortedAccordingTo(Comparator.naturalOrder())
			.allSatisfy(id -> assertThat(id).isGreaterThan(ids.get(0)))
			.contains(ids.get(1), ids.get(2));
		List<String> pageByPage = new java.util.ArrayList<>();
		DormantContacts.Page page = dormant.page(null, cutOff(), reentryAfter(), 2);
		pageByPage.addAll(page.dormant());
		while (!page.last()) {
			page = dormant.page(page.cursor(), cutOff(), reentryAfter(), 2);
			assertThat(page.dormant()).hasSizeLessThanOrEqualTo(2);
			pageByPage.addAll(page.dormant());
		}
		List<String> all = dormant.page(null, cutOff(), reentryAfter(), 1_000_000).dormant();
		assertThat(pageByPage).isEqualTo(all).contains(ids.toArray(String[]::new));
		assertThat(dormant.count(cutOff(), reentryAfter())).isEqualTo(all.size());
	}

	/**
	 * A customer dormant by order date whose earlier reactivation ended some time ago.
	 */
	private Contact ended(String outcome, Duration ago) {
		Contact contact = customers.dormant(true, false);
		jdbc.sql(
				"""
						insert into reactivation_enrolment (sweep_id, contact_id, process_instance_id, enrolled_at, ended_at, outcome)
						values (?, ?, ?, ?, ?, ?)""")
			.params("earlier-sweep", contact.id(), TestContacts.newId("pi"),
					at(reentryAfter().minus(Duration.ofDays(30))), at(now.minus(ago)), outcome)
			.update();
		return contact;
	}

	private List<String> dormantAmong(Contact... candidates) {
		List<String> ids = java.util.Arrays.stream(candidates).map(Contact::id).toList();
		return dormant.page(null, cutOff(), reentryAfter(), 1_000_000)
			.dormant()
			.stream()
			.filter(ids::contains)
			.toList();
	}

	private Instant cutOff() {
		return now.minus(DORMANT_AFTER);
	}

	private Instant reentryAfter() {
		return now.minus(REENTRY_WINDOW);
	}

}
