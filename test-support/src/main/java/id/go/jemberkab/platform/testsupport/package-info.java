/** What integration tests need of the backbone: a broker, a Mongo server, a way to read a topic. */
package id.go.jemberkab.platform.testsupport;
