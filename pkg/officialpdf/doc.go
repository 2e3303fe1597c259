// Package officialpdf renders a Vietnamese administrative document as a PDF
// in the official layout (thể thức) of Decree 30/2020/NĐ-CP, Phụ lục I: the
// two-column header (issuing agency and number on the left, the national
// title, motto and place-date on the right), the kind and summary centred,
// the justified body, the signature block at the bottom right and the
// recipients (Nơi nhận) at the bottom left, page numbers from page 2.
//
// It is a library: it knows nothing of the services. The documents service
// fills a [Document] from its records and calls [Render] (or [RenderCopy]
// for a certified copy); the [Rendered] result carries, besides the bytes,
// where the signer's signature image and the agency's seal go, so that a
// PAdES signer can draw its appearances there.
//
// The output is deterministic: the same input gives the same bytes (the PDF
// dates come from the document's date, there are no random ids), so tests
// and caches can compare renderings.
//
// The font is Liberation Serif (SIL OFL 1.1, see fonts/OFL.txt), embedded in
// the binary: it is metric-compatible with Times New Roman, the font the
// decree names, and covers Vietnamese.
package officialpdf
