package io.parcours.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** {@code lead.created}: a B2B lead to nurture. */
public record LeadCreated(@NotBlank @Size(max = 200) String company, @Size(max = 200) String jobTitle,
		@Positive Integer companySize, @Size(max = 100) String industry, @CountryCode String country,
		@Size(max = 100) String source) {
}
