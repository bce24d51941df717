/** Architecture rules over the compiled classes of every module (ArchUnit). */
package dev.strata.tests.arch;
