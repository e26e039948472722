package io.parcours.modeler;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Reads a deployed file's XML without DOCTYPEs or external entities (no XXE, no entity
 * bombs).
 */
final class SafeXml {

	private SafeXml() {
	}

	static Document parse(byte[] content) throws SAXException, IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	}

}
