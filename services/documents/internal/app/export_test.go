package app

// HoldPDFSlot takes svc's PDF slot, as a PDF being made would, until
// release is called.
func HoldPDFSlot(svc Service) (release func()) {
	s := svc.(*service)
	s.pdfSlot <- struct{}{}
	return func() { <-s.pdfSlot }
}
