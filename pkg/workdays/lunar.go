package workdays

import (
	"fmt"
	"math"
	"time"
)

// The Vietnamese lunar calendar (âm lịch) is computed, never typed, by Hồ
// Ngọc Đức's algorithm: new moons and the sun's longitude after Meeus,
// reckoned at UTC+7, the meridian Vietnam's calendar has used since 1968
// (which is why its Tết can differ from China's by a day).
const vnZone = 7.0

// LunarDate is a date of the Vietnamese lunar calendar; Year is the solar
// year in which that lunar year's Tết falls, Leap marks the repeated month.
type LunarDate struct {
	Day, Month, Year int
	Leap             bool
}

func (l LunarDate) String() string {
	if l.Leap {
		return fmt.Sprintf("%d/%d nhuận/%d", l.Day, l.Month, l.Year)
	}
	return fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
}

// unixJDN is the Julian day number of 1970-01-01.
const unixJDN = 2440588

func jdn(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + unixJDN
}

func fromJDN(n int) time.Time {
	return time.Unix(int64(n-unixJDN)*86400, 0).UTC()
}

func floor(x float64) int { return int(math.Floor(x)) }

// newMoon is the Julian date (UT) of the k-th new moon after 1900-01-01.
func newMoon(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2, t3 := t*t, t*t*t
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 = c1 - 0.0004*math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltat float64
	if t < -11 {
		deltat = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltat = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltat
}

// sunLongitude is the sun's apparent longitude in radians at Julian date jd.
func sunLongitude(jd float64) float64 {
	t := (jd - 2451545.0) / 36525
	t2 := t * t
	dr := math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - math.Pi*2*math.Floor(l/(math.Pi*2))
}

// newMoonDay is the local day number on which the k-th new moon falls.
func newMoonDay(k int) int { return floor(newMoon(k) + 0.5 + vnZone/24) }

// sunSector is which of the twelve 30° sectors the sun is in at the start
// of local day n (0 = spring equinox).
func sunSector(n int) int {
	return floor(sunLongitude(float64(n)-0.5-vnZone/24) / math.Pi * 6)
}

const synodic = 29.530588853

// month11 is the day number on which the lunar month holding the winter
// solstice of solar year y begins.
func month11(y int) int {
	off := jdn(y, 12, 31) - 2415021
	k := floor(float64(off) / synodic)
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset is the index, counted from month 11 starting on a11, of the
// first month without a major solar term: that month is the leap one.
func leapOffset(a11 int) int {
	k := floor((float64(a11)-2415021.076998695)/synodic + 0.5)
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// Lunar converts the civil date of t to the Vietnamese lunar calendar.
func Lunar(t time.Time) LunarDate {
	y, m, d := t.Date()
	day := jdn(y, m, d)
	k := floor((float64(day) - 2415021.076998695) / synodic)
	start := newMoonDay(k + 1)
	for j := k; start > day; j-- { // k can be a lunation late near midnight
		start = newMoonDay(j)
	}
	a11 := month11(y)
	b11 := a11
	ly := y
	if a11 >= start {
		a11 = month11(y - 1)
	} else {
		ly = y + 1
		b11 = month11(y + 1)
	}
	out := LunarDate{Day: day - start + 1, Year: ly}
	diff := floor(float64(start-a11) / 29)
	out.Month = diff + 11
	if b11-a11 > 365 {
		leap := leapOffset(a11)
		if diff >= leap {
			out.Month = diff + 10
			out.Leap = diff == leap
		}
	}
	if out.Month > 12 {
		out.Month -= 12
	}
	if out.Month >= 11 && diff < 4 {
		out.Year--
	}
	return out
}

// Solar is the civil date (UTC midnight) of lunar date l; it fails for a
// leap month the year does not have or a day past 30.
func Solar(l LunarDate) (time.Time, error) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return time.Time{}, fmt.Errorf("workdays: no lunar date %s", l)
	}
	var a11, b11 int
	if l.Month < 11 {
		a11, b11 = month11(l.Year-1), month11(l.Year)
	} else {
		a11, b11 = month11(l.Year), month11(l.Year+1)
	}
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapOffset(a11)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if l.Leap && l.Month != leapMonth {
			return time.Time{}, fmt.Errorf("workdays: lunar year %d has no leap month %d", l.Year, l.Month)
		}
		if l.Leap || off >= leapOff {
			off++
		}
	} else if l.Leap {
		return time.Time{}, fmt.Errorf("workdays: lunar year %d has no leap month", l.Year)
	}
	k := floor(0.5 + (float64(a11)-2415021.076998695)/synodic)
	start := newMoonDay(k + off)
	t := fromJDN(start + l.Day - 1)
	if got := Lunar(t); got != l {
		return time.Time{}, fmt.Errorf("workdays: no lunar date %s (month is shorter)", l)
	}
	return t, nil
}

// Tet is the civil date of Tết Nguyên đán (1/1 âm lịch) in solar year y.
func Tet(y int) time.Time {
	t, err := Solar(LunarDate{Day: 1, Month: 1, Year: y})
	if err != nil {
		panic(err) // 1/1 exists every lunar year
	}
	return t
}
