/** RFC 9457 problem responses shared by the servlet services: stable types, field errors, no stack traces. */
package id.go.jemberkab.platform.problems;
