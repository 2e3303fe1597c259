package domain

// Series of number registers (sổ đăng ký), kept per agency and numbering
// year: each counts from 1 on 1 January on its own. Decree 30, Art. 15(2)
// and Art. 22(2) keep confidential documents, outgoing and incoming, in
// registers of their own; legal normative documents and each form of copy
// are numbered apart too, so that a notation stays unique within its
// series and year.
const (
	SeriesGeneral              = "general"
	SeriesConfidential         = "confidential"
	SeriesNormative            = "normative"
	SeriesIncoming             = "incoming"
	SeriesIncomingConfidential = "incoming_confidential"
	seriesCopyPrefix           = "copy_"
)

// SeriesFor is the outgoing series that numbers d. A normative document
// takes the normative series whatever its confidentiality: such a document
// is published (it binds everyone), and its notation, which carries the
// year, must be unique among normative ones.
func SeriesFor(d Document) string {
	switch {
	case d.Kind == KindCopy:
		return seriesCopyPrefix + string(d.CopyForm)
	case d.Normative:
		return SeriesNormative
	case d.Confidentiality.Restricted():
		return SeriesConfidential
	}
	return SeriesGeneral
}

// IncomingSeriesFor is the series of the incoming register (số đến) a
// receipt of d is entered in.
func IncomingSeriesFor(d Document) string {
	if d.Confidentiality.Restricted() {
		return SeriesIncomingConfidential
	}
	return SeriesIncoming
}
