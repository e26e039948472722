package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import io.parcours.channel.AddressKeys;
import io.parcours.contact.Channel;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The email suppressions recorded before V13 get their address keys, from the contacts'
 * addresses (the best knowledge there is of the address that was suppressed). A Java
 * migration because the key is a SHA-256, which H2 and PostgreSQL write differently.
 */
public class V14__suppressed_addresses_of_earlier_suppressions extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		try (Statement select = context.getConnection().createStatement();
				ResultSet suppressed = select.executeQuery("""
						select s.contact_id, s.channel, s.reason, s.created_at, c.email
						from suppression s join contact c on c.id = s.contact_id where s.channel = 'email'""");
				PreparedStatement keyOfSuppression = context.getConnection()
					.prepareStatement("update suppression set address_key = ? where contact_id = ? and channel = ?");
				PreparedStatement insert = context.getConnection().prepareStatement("""
						insert into suppressed_address (channel, address_key, reason, created_at)
						select ?, ?, ?, ? where not exists
						  (select 1 from suppressed_address where channel = ? and address_key = ?)""")) {
			while (suppressed.next()) {
				String key = AddressKeys.ofEmail(suppressed.getString("email"));
				if (key == null) {
					continue;
				}
				insert.setString(1, Channel.EMAIL.value());
				insert.setString(2, key);
				insert.setString(3, suppressed.getString("reason"));
				insert.setObject(4, suppressed.getObject("created_at"));
				insert.setString(5, Channel.EMAIL.value());
				insert.setString(6, key);
				insert.executeUpdate();
				keyOfSuppression.setString(1, key);
				keyOfSuppression.setString(2, suppressed.getString("contact_id"));
				keyOfSuppression.setString(3, Channel.EMAIL.value());
				keyOfSuppression.executeUpdate();
			}
		}
	}

}
