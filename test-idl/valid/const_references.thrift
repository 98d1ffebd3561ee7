enum Color {
  RED = 1,
  GREEN = 2
}

const i32 BASE = 10
const i32 COPY = BASE
const Color FAVOURITE = Color.GREEN
const list<Color> PALETTE = [Color.RED, Color.GREEN]
const map<Color, i32> WEIGHTS = {Color.RED: BASE, Color.GREEN: COPY}

struct Defaults {
  1: i32 size = BASE
  2: Color color = Color.RED
}
