package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * What a lead typed reaches the rep's form as text: a company named with a link, an image
 * or an address shows as those characters, never as markup.
 */
class LeadCardTextTests {

	@Test
	void markupInWhatTheLeadTypedIsWrittenAsCharacters() {
		String company = "Zeta Inc <a href=\"https://evil.example/crm\">Open in CRM</a>";
		String source = "[Confirm this lead here](https://evil.example/phish) ![x](y) **bold** www.evil.example";

		String facts = (String) LeadCard
			.facts(scope(Map.of("company", company, "jobTitle", "CEO", "companySize", 120, "country", "FR", "source",
					source)), "lead-9")
			.get(SalesVariables.LEAD_FACTS);

		assertThat(facts).startsWith("## Zeta Inc &#60;a href&#61;&#34;https&#58;&#47;&#47;evil&#46;example")
			.contains("CEO · 120 employees · FR · source: &#91;Confirm this lead here&#93;&#40;https&#58;")
			.doesNotContain("<", ">", "](", "**", "www.", "https:");
		assertThat(LeadCard.markdownText("Café Müller & Söhne\nGmbH")).isEqualTo("Café Müller &#38; Söhne GmbH");
	}

	@Test
	void theContactLinkKeepsItsIdAsTextAndInItsAddress() {
		Map<String, Object> facts = LeadCard.facts(scope(Map.of("company", "Acme")), "c-[7](x)");

		assertThat(facts.get(SalesVariables.CONTACT_LINK))
			.isEqualTo("[c&#45;&#91;7&#93;&#40;x&#41;](/api/contacts/c-%5B7%5D%28x%29)");
		assertThat(facts.get(SalesVariables.LEAD_FACTS)).isEqualTo("## Acme\n\n");
	}

	/** A journey holding these variables. */
	private static VariableScope scope(Map<String, Object> variables) {
		VariableScope journey = Mockito.mock(VariableScope.class);
		Mockito.when(journey.getVariable(Mockito.anyString()))
			.thenAnswer(call -> variables.get(call.<String>getArgument(0)));
		return journey;
	}

}
