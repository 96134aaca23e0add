/** The official Jember region codes that events, documents and queries use. */
package id.go.jemberkab.platform.contracts.region;
