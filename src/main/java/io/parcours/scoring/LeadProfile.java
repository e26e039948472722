package io.parcours.scoring;

/** What a lead tells about their company and role: the inputs of the fit decision. */
public record LeadProfile(String jobTitle, Integer companySize, String industry, String country) {
}
