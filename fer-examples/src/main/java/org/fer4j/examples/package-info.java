/** The {@code fer} command-line app and small runnable examples of the fer4j libraries. */
package org.fer4j.examples;
