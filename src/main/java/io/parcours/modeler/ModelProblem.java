package io.parcours.modeler;

import org.camunda.bpm.engine.impl.util.xml.Element;

/** Something in a diagram that Parcours cannot run, said for the marketer who drew it. */
record ModelProblem(String message, Element element, String stepId) {
}
