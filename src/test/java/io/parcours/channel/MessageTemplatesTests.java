package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.LifecycleStage;
import io.parcours.journey.NonRetryable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;

class MessageTemplatesTests {

	MessageTemplates templates = new MessageTemplates(
			new DefaultResourceLoader(), new TemplateProperties(Map.of("shopUrl", "https://shop.example",
					"welcomeCouponCode", "WELCOME10", "welcomeCouponPercent", "10")),
			"https://parcours.example", java.util.List.of());

	/** "a IT Services company": English wants "an" there. */
	static final String A_BEFORE_A_VOWEL = "(?i)\\ba [aeiou]";

	/** "de Orange": French wants "d'Orange" there. */
	static final String DE_BEFORE_A_VOWEL = "(?i)\\b(de|le|la) [aeiouyéèê]";

	@Test
	void rendersInTheContactsLanguage() {
		RenderedMessage french = templates.render("welcome", Channel.EMAIL, contact("Ana", "fr-FR"), Map.of());
		RenderedMessage english = templates.render("welcome", Channel.EMAIL, contact("Ben", "en-GB"), Map.of());

		assertThat(french.subject()).isEqualTo("Bienvenue, Ana !");
		assertThat(french.body()).contains("lang=\"fr\"").contains("Merci pour votre inscription");
		assertThat(english.subject()).isEqualTo("Welcome, Ben!");
		assertThat(english.body()).contains("Thank you for signing up");
	}

	@Test
	void onlyMarketingEmailsSayHowToUnsubscribe() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact("Ana", "fr-FR"), Map.of(), true).body())
			.contains("désabonner à tout moment avec le lien en fin de message");
		assertThat(templates.render("thank-you", Channel.EMAIL, contact("Ben", "en"), Map.of("orderId", "A-1"), false)
			.body()).doesNotContain("unsubscribe");
	}

	@Test
	void fallsBackToEnglishForOtherLanguages() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact("Hans", "de-DE"), Map.of()).subject())
			.isEqualTo("Welcome, Hans!");
	}

	@Test
	void escapesContactDataInHtml() {
		RenderedMessage message = templates.render("welcome", Channel.EMAIL, contact("<script>x</script>", "en"),
				Map.of());

		assertThat(message.body()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
	}

	@Test
	void smsIsPlainTextWithJourneyAndGlobalValues() {
		RenderedMessage sms = templates.render("first-order-coupon", Channel.SMS, contact("Léa & Co", "en"), Map.of());

		assertThat(sms.subject()).isNull();
		assertThat(sms.body()).startsWith("Léa & Co, 10% off your first order with code WELCOME10");
	}

	/**
	 * A cart reminder put in the welcome series has no cart and no code: it would reach
	 * the contact as "% off the cart you left", with an empty link.
	 */
	@Test
	void aTemplateShowingWhatTheJourneyDoesNotGiveIsNotRendered() {
		assertThatThrownBy(() -> templates.render("cart-discount", Channel.EMAIL, contact("Ana", "en"),
				Map.of("journey", "welcome")))
			.isInstanceOf(MissingTemplateData.class)
			.isInstanceOf(NonRetryable.class)
			.hasMessageContaining("Message template 'cart-discount' shows {{")
			.hasMessageContaining("nothing was sent");
		// a value the journey gives as nothing shows as nothing
		Map<String, Object> noOrderId = new HashMap<>();
		noOrderId.put("orderId", null);
		assertThat(templates.render("thank-you", Channel.EMAIL, contact("Ana", "en"), noOrderId).body())
			.doesNotContain("{{");
	}

	/** A path or the layout would get a message past the checks made on its name. */
	@ParameterizedTest
	@CsvSource({ "../messages/sales-hot-lead", "welcome/../sales-escalation", "sales-hot-lead/.", "./welcome", "layout",
			"Welcome", "welcome/" })
	void aMessageIsNamedByItsFolderNotByAPath(String name) {
		assertThat(templates.exists(name, Channel.EMAIL)).isFalse();
		assertThatThrownBy(() -> templates.render(name, Channel.EMAIL, contact("Ana", "en"), Map.of()))
			.isInstanceOf(UnknownTemplateException.class);
		assertThat(templates.exists("welcome", Channel.EMAIL)).isTrue();
	}

	@Test
	void journeyVariablesReachTheTemplate() {
		assertThat(
				templates.render("thank-you", Channel.EMAIL, contact("Ana", "fr"), Map.of("orderId", "A-1001")).body())
			.contains("Votre commande A-1001 est confirmée");
	}

	@Test
	void aContactWithoutFirstNameGetsAGreetingWithoutIt() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact(null, "en"), Map.of()).subject())
			.isEqualTo("Welcome!");
	}

	@Test
	void theHotLeadNotificationListsOnlyTheFactsKnown() {
		assertThat(templates
			.render("sales-hot-lead", Channel.EMAIL, contact("Sam", "en"),
					hotLead(Map.of("company", "Acme", "jobTitle", "CTO", "companySize", 120, "country", "FR")), false)
			.body()).contains("<strong>Acme</strong> · CTO · 120 employees · FR</p>");
		assertThat(templates
			.render("sales-hot-lead", Channel.EMAIL, contact("Sam", "fr"), hotLead(Map.of("company", "Acme")), false)
			.body()).contains("<strong>Acme</strong></p>").doesNotContain(", ,", "salariés");
	}

	/** The scores and the due date every hand-off gives, with the lead's facts. */
	private static Map<String, Object> hotLead(Map<String, Object> facts) {
		Map<String, Object> lead = new HashMap<>(facts);
		lead.putAll(Map.of("leadScore", 80, "fitScore", 40, "engagementScore", 40, "qualifyDueAt", "2026-11-25 17:00",
				"taskId", "t-1"));
		return lead;
	}

	@Test
	void anUnknownTemplateIsAModellingErrorNotRetried() {
		assertThatThrownBy(() -> templates.render("no-such-template", Channel.EMAIL, contact("Ana", "en"), Map.of()))
			.isInstanceOf(UnknownTemplateException.class)
			.isInstanceOf(NonRetryable.class)
			.hasMessageContaining("no-such-template");
		assertThat(templates.exists("welcome", Channel.EMAIL)).isTrue();
		assertThat(templates.exists("welcome", Channel.SMS)).isFalse();
	}

	@ParameterizedTest(name = "{0}, industry \"{1}\": \"{2}\"")
	@CsvSource(nullValues = "null", delimiter = '|',
			textBlock = """
					en | Agriculture | Agriculture: how a company like yours did it               | Teams in Agriculture lose hours           | Leaders in Agriculture tell us
					en | IT Services | IT Services: how a company like yours did it               | Teams in IT Services lose hours           | Leaders in IT Services tell us
					en | Retail      | Retail: how a company like yours did it                    | Teams in Retail lose hours                | Leaders in Retail tell us
					en | null        | How a company like yours did it                            | Marketing teams lose hours                | Business leaders tell us
					en | ''          | How a company like yours did it                            | Marketing teams lose hours                | Business leaders tell us
					fr | Agriculture | Comment une entreprise du secteur Agriculture s'y est prise | Les équipes du secteur Agriculture perdent | Les dirigeants du secteur Agriculture nous
					fr | Industrie   | Comment une entreprise du secteur Industrie s'y est prise   | Les équipes du secteur Industrie perdent   | Les dirigeants du secteur Industrie nous
					fr | null        | Comment une entreprise comme la vôtre s'y est prise         | Les équipes marketing perdent              | Les dirigeants d'entreprise nous
					fr | ''          | Comment une entreprise comme la vôtre s'y est prise         | Les équipes marketing perdent              | Les dirigeants d'entreprise nous
					""")
	void nurtureEmailsReadWellWithOrWithoutAnIndustryWhateverItsFirstLetter(String language, String industry,
			String caseStudySubject, String practicalVersion, String businessCaseVersion) {
		Contact lead = contact("Ana", language);

		assertThat(templates.render("b2b-nurture-3", Channel.EMAIL, lead, lead(industry, false), true).subject())
			.isEqualTo(caseStudySubject);
		assertThat(templates.render("b2b-nurture-1", Channel.EMAIL, lead, lead(industry, false), true).body())
			.contains(practicalVersion);
		assertThat(templates.render("b2b-nurture-1", Channel.EMAIL, lead, lead(industry, true), true).body())
			.contains(businessCaseVersion);
	}

	@ParameterizedTest(name = "{0}, industry \"{1}\"")
	@CsvSource(nullValues = "null", textBlock = """
			en, IT Services
			en, null
			fr, Agroalimentaire
			fr, null
			""")
	void nurtureEmailsLeaveNoGapsNorBareArticles(String language, String industry) {
		for (int email = 1; email <= 4; email++) {
			for (boolean decisionMaker : new boolean[] { true, false }) {
				RenderedMessage message = templates.render("b2b-nurture-" + email, Channel.EMAIL,
						contact("Ana", language), lead(industry, decisionMaker), true);

				assertThat(message.subject()).doesNotContain("  ")
					.doesNotContainPattern(A_BEFORE_A_VOWEL)
					.doesNotContainPattern(DE_BEFORE_A_VOWEL);
				assertThat(message.body()).doesNotContainPattern("[^ >] {2,}[^ <]")
					.doesNotContainPattern("\\b(in|de|du) [.,:]")
					.doesNotContainPattern(A_BEFORE_A_VOWEL)
					.doesNotContainPattern(DE_BEFORE_A_VOWEL);
			}
		}
	}

	@Test
	void nurtureEmailsNameACompanyStartingWithAVowelWithoutElision() {
		assertThat(templates.render("b2b-nurture-4", Channel.EMAIL, contact("Ana", "fr"), lead("Retail", true), true)
			.body()).contains("les parcours en place chez Orange");
		assertThat(templates.render("b2b-nurture-4", Channel.EMAIL, contact("Ana", "en"), lead("Retail", true), true)
			.body()).contains("the journeys Orange runs today");
	}

	/** The variables of a nurturing journey, as its send steps pass them. */
	static Map<String, Object> lead(String industry, boolean decisionMaker) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("company", "Orange");
		variables.put("industry", industry);
		variables.put("decisionMaker", decisionMaker);
		return variables;
	}

	static Contact contact(String firstName, String locale) {
		return new Contact("c-1", "a@example.com", "+33612345678", firstName, locale, "Europe/Paris", Map.of(),
				LifecycleStage.SUBSCRIBER, 0, BigDecimal.ZERO, null, null, Instant.now(), Instant.now());
	}

}
