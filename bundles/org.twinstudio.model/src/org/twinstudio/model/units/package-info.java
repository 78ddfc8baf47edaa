/** TEMPORARY stand-in until the model API lands on main. */
package org.twinstudio.model.units;
