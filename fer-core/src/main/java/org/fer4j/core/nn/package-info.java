/** The CNN architectures as DJL blocks, chosen by name through {@link org.fer4j.core.nn.Architectures}. */
package org.fer4j.core.nn;
