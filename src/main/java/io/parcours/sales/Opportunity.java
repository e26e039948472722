package io.parcours.sales;

import java.time.Instant;

/**
 * What the CRM receives for an accepted lead. The person's details are read from the
 * contact table at push time: they never sit in the journey's variables.
 */
record Opportunity(String journeyInstanceId, String contactId, Person contact, Company company, Score score,
		String owner, String reason, String notes, Instant acceptedAt) {

	record Person(String firstName, String email, String phone, String jobTitle) {
	}

	record Company(String name, Integer size, String industry, String country, String source) {
	}

	record Score(int fit, int engagement, int total) {
	}

}
