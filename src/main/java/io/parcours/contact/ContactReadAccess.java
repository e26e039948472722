package io.parcours.contact;

import org.springframework.security.core.Authentication;

/**
 * Whether a user may read a contact's details. Ops and marketing read every contact;
 * other roles (sales) only the contacts their work is about.
 */
public interface ContactReadAccess {

	boolean mayRead(Authentication user, String contactId);

}
