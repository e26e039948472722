package io.parcours.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** {@code lead.created}: a B2B lead to nurture. */
public record LeadCreated(@NotBlank @OneLine @Size(max = 200) String company, @OneLine @Size(max = 200) String jobTitle,
		@Positive Integer companySize, @OneLine @Size(max = 100) String industry, @CountryCode String country,
		@OneLine @Size(max = 100) String source) {
}
