#!/usr/bin/env bash
# Generates the illustrative demo images for the Mountain City Herald demo site.
# Requires ImageMagick (apt-get install -y imagemagick). Output: static/images/*.jpg
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=static/images
mkdir -p "$OUT"

# Pick a real ImageMagick binary (some environments shadow `convert` with a stub).
IM=""
for c in magick /usr/bin/convert convert; do
  if command -v "$c" >/dev/null 2>&1 && "$c" -version 2>/dev/null | grep -q 'Version: ImageMagick'; then
    IM="$c"; break
  fi
done
[ -n "$IM" ] || { echo "ImageMagick not found" >&2; exit 1; }

W=800; H=450
JPG=(-strip -interlace Plane -sampling-factor 4:2:0 -quality 80)

# skyline SEED BASE_Y MIN_H MAX_H MIN_W MAX_W -> prints rectangle draw primitives
skyline() {
  awk -v seed="$1" -v base="$2" -v minh="$3" -v maxh="$4" -v minw="$5" -v maxw="$6" -v width="${7:-800}" 'BEGIN {
    srand(seed); x = -10;
    while (x < width) {
      w = minw + int(rand() * (maxw - minw)); h = minh + int(rand() * (maxh - minh));
      printf "rectangle %d,%d %d,%d ", x, base - h, x + w, base;
      if (rand() < 0.25) printf "rectangle %d,%d %d,%d ", x + w/2 - 2, base - h - 18, x + w/2 + 2, base - h;
      x += w + int(rand() * 6);
    }
  }'
}

# windows SEED X0 Y0 X1 Y1 -> small lit-window rectangles
windows() {
  awk -v seed="$1" -v x0="$2" -v y0="$3" -v x1="$4" -v y1="$5" 'BEGIN {
    srand(seed);
    for (y = y0; y < y1; y += 14) for (x = x0; x < x1; x += 12)
      if (rand() < 0.25) printf "rectangle %d,%d %d,%d ", x, y, x + 5, y + 7;
  }'
}

echo "Using $IM"

# 1. Skyline in fog
"$IM" -size ${W}x${H} gradient:'#dfe4e8-#a3adb5' \
  -fill '#c3cad0' -draw "$(skyline 11 330 60 170 30 70)" \
  -fill '#8d979f' -draw "$(skyline 12 360 40 220 25 60)" \
  -fill 'rgba(235,238,241,0.55)' -draw "rectangle 0,250 800,320" \
  -fill '#7f8b8f' -draw "rectangle 0,360 800,450" \
  -fill 'rgba(235,238,241,0.45)' -draw "rectangle 0,340 800,390" \
  -blur 0x1.2 "${JPG[@]}" "$OUT/skyline-fog.jpg"

# 2. Cableway over the river
"$IM" -size ${W}x${H} gradient:'#7fb8e0-#eaf2f8' \
  -fill '#6d7f86' -draw "$(skyline 21 300 50 190 25 55 260)" \
  -fill '#5f7078' -draw "translate 560,0 $(skyline 22 290 60 200 25 55 260)" \
  -fill '#4f6a55' -draw "polygon 0,300 260,300 300,345 0,345" \
  -fill '#4a6450' -draw "polygon 520,290 800,290 800,345 490,345" \
  -fill '#5e7d6a' -draw "rectangle 0,340 800,450" \
  -fill '#6f8f7a' -draw "rectangle 0,380 800,386 rectangle 80,410 720,414" \
  -stroke '#2b2b2b' -strokewidth 2 -draw "line 0,110 800,210" -draw "line 0,122 800,222" \
  -stroke '#2b2b2b' -strokewidth 3 -draw "line 380,158 380,185" \
  -stroke none -fill '#c8102e' -draw "roundrectangle 345,185 415,240 6,6" \
  -fill '#dce9f2' -draw "rectangle 352,195 372,215 rectangle 378,195 398,215" \
  -fill '#ffffff' -draw "rectangle 345,228 415,232" \
  "${JPG[@]}" "$OUT/cableway.jpg"

# 3. Elevated metro at dusk
"$IM" -size ${W}x${H} gradient:'#f4b37a-#4d5d86' -flip \
  -fill '#3a3f58' -draw "$(skyline 31 330 80 260 30 70)" \
  -fill '#ffd27a' -draw "$(windows 32 20 120 780 320)" \
  -fill '#9a9fae' -draw "rectangle 0,300 800,318" \
  -fill '#82879a' -draw "rectangle 120,318 140,450 rectangle 420,318 440,450 rectangle 720,318 740,450" \
  -fill '#f2f4f7' -draw "roundrectangle 150,246 690,300 14,14" \
  -fill '#1f6fb2' -draw "rectangle 150,284 690,292" \
  -fill '#23344f' -draw "$(awk 'BEGIN{for(x=175;x<660;x+=52) printf "rectangle %d,258 %d,276 ",x,x+36}')" \
  -fill '#2a2f44' -draw "rectangle 0,430 800,450" \
  "${JPG[@]}" "$OUT/metro-train.jpg"

# 4. Monorail passing through a residential block
"$IM" -size ${W}x${H} gradient:'#a9d3ee-#f3f7fa' \
  -fill '#5d7a5a' -draw "polygon 0,450 0,330 180,280 360,330 520,270 800,320 800,450" \
  -fill '#b7a58f' -draw "rectangle 300,40 560,450" \
  -fill '#8a7b69' -draw "$(awk 'BEGIN{for(y=55;y<440;y+=26) for(x=315;x<545;x+=28) printf "rectangle %d,%d %d,%d ",x,y,x+16,y+14}')" \
  -fill '#2c2c2c' -draw "rectangle 300,200 560,262" \
  -fill '#9aa0a6' -draw "rectangle 0,262 800,274" \
  -fill '#8d9399' -draw "rectangle 120,274 136,450 rectangle 680,274 696,450" \
  -fill '#e9eef1' -draw "roundrectangle 430,208 800,262 16,16" \
  -fill '#1b9e8f' -draw "rectangle 430,246 800,254" \
  -fill '#233240' -draw "$(awk 'BEGIN{for(x=450;x<790;x+=48) printf "rectangle %d,218 %d,236 ",x,x+32}')" \
  "${JPG[@]}" "$OUT/monorail.jpg"

# 5. Freight train with containers
"$IM" -size ${W}x${H} gradient:'#a7c7e7-#ffe0b5' \
  -fill '#b9a98c' -draw "polygon 0,330 200,260 420,310 640,250 800,300 800,450 0,450" \
  -fill '#7b6a50' -draw "rectangle 0,360 800,450" \
  -fill '#4a4035' -draw "rectangle 0,352 800,358" \
  -stroke '#3a3a3a' -strokewidth 2 -draw "line 0,372 800,372" -draw "line 0,384 800,384" -stroke none \
  -fill '#2e5e3f' -draw "roundrectangle 20,270 140,350 8,8" -fill '#f2c200' -draw "rectangle 20,330 140,336" \
  -fill '#b33a2f' -draw "rectangle 150,288 270,350" -fill '#2f5d9e' -draw "rectangle 278,288 398,350" \
  -fill '#d9822b' -draw "rectangle 406,288 526,350" -fill '#6c7a86' -draw "rectangle 534,288 654,350" \
  -fill '#3d8f7c' -draw "rectangle 662,288 782,350" \
  -fill 'rgba(0,0,0,0.18)' -draw "$(awk 'BEGIN{for(x=155;x<780;x+=9) printf "rectangle %d,292 %d,346 ",x,x+2}')" \
  -fill '#222222' -draw "$(awk 'BEGIN{for(x=40;x<780;x+=64) printf "circle %d,354 %d,360 ",x,x+7}')" \
  "${JPG[@]}" "$OUT/rail-freight.jpg"

# 6. EV assembly line
"$IM" -size ${W}x${H} gradient:'#e9edf1-#9aa4ad' \
  -fill '#ffffff' -draw "rectangle 60,30 220,42 rectangle 320,30 480,42 rectangle 580,30 740,42" \
  -fill '#6b737b' -draw "rectangle 0,360 800,450" -fill '#f2c200' -draw "rectangle 0,356 800,362" \
  -fill '#2d6fb8' -draw "polygon 230,330 260,270 330,240 470,240 540,275 590,290 600,330" \
  -fill '#c6dbef' -draw "polygon 280,272 335,250 395,250 395,272 polygon 405,250 465,250 520,276 405,276" \
  -fill '#1e1e1e' -draw "circle 300,332 300,362 circle 530,332 530,362" \
  -fill '#9a9a9a' -draw "circle 300,332 300,346 circle 530,332 530,346" \
  -stroke '#e07b1a' -strokewidth 14 -draw "line 700,360 680,210" -draw "line 680,210 600,180" \
  -stroke '#e07b1a' -strokewidth 8 -draw "line 600,180 570,230" -stroke none \
  -fill '#444' -draw "circle 680,210 680,222 rectangle 665,350 735,362" \
  "${JPG[@]}" "$OUT/ev-assembly.jpg"

# 7. Nine-grid hotpot seen from above
"$IM" -size ${W}x${H} gradient:'#5a3520-#2b180d' \
  -fill 'rgba(255,255,255,0.05)' -draw "$(awk 'BEGIN{for(y=0;y<450;y+=30) printf "rectangle 0,%d 800,%d ",y,y+2}')" \
  -fill '#3d3d3d' -draw "circle 400,225 400,30" \
  -fill '#b01218' -draw "circle 400,225 400,48" \
  -fill '#d8421f' -draw "circle 370,195 370,120" \
  -stroke '#b87333' -strokewidth 10 -draw "line 335,55 335,395" -draw "line 465,55 465,395" -draw "line 230,160 570,160" -draw "line 230,290 570,290" -stroke none \
  -fill '#5a0b0b' -draw "$(awk 'BEGIN{srand(7); for(i=0;i<60;i++){a=rand()*6.283; r=rand()*160; x=400+r*cos(a); y=225+r*sin(a); printf "circle %d,%d %d,%d ",x,y,x+4,y}}')" \
  -fill '#f0d28a' -draw "$(awk 'BEGIN{srand(9); for(i=0;i<40;i++){a=rand()*6.283; r=rand()*150; x=400+r*cos(a); y=225+r*sin(a); printf "circle %d,%d %d,%d ",x,y,x+2,y}}')" \
  -fill '#e8e1d3' -draw "circle 120,120 120,70 circle 690,340 690,295" \
  -fill '#4f8a3a' -draw "circle 120,120 120,95 circle 690,340 690,318" \
  "${JPG[@]}" "$OUT/hotpot.jpg"

# 8. Heat wave over the skyline
"$IM" -size ${W}x${H} gradient:'#ffd34d-#e0531c' \
  -fill 'rgba(255,246,200,0.35)' -draw "circle 560,170 560,40" \
  -fill '#fff5c4' -draw "circle 560,170 560,95" \
  -fill '#6b2c12' -draw "$(skyline 41 380 60 230 28 64)" \
  -fill '#4a1d0b' -draw "rectangle 0,380 800,450" \
  -fill 'rgba(255,220,150,0.35)' -draw "$(awk 'BEGIN{for(y=395;y<450;y+=10) printf "rectangle 0,%d 800,%d ",y,y+2}')" \
  "${JPG[@]}" "$OUT/heatwave.jpg"

# 9. Battery plant
"$IM" -size ${W}x${H} gradient:'#cfe0f0-#ffffff' \
  -fill '#9fb9cf' -draw "polygon 0,300 140,240 300,290 480,230 640,280 800,250 800,450 0,450" \
  -fill '#3f6698' -draw "polygon 60,330 60,200 140,160 140,200 220,160 220,200 300,160 300,200 380,160 380,330" \
  -fill '#e6edf4' -draw "rectangle 80,240 360,320" \
  -fill '#2f4f78' -draw "rectangle 460,150 490,330" \
  -fill '#7d8a96' -draw "rectangle 0,330 800,450" \
  -fill '#27a567' -draw "$(awk 'BEGIN{for(r=0;r<2;r++) for(x=430;x<780;x+=44) printf "roundrectangle %d,%d %d,%d 5,5 ",x,355+r*45,x+30,390+r*45}')" \
  -fill '#dfe6ec' -draw "$(awk 'BEGIN{for(r=0;r<2;r++) for(x=430;x<780;x+=44) printf "rectangle %d,%d %d,%d ",x+10,349+r*45,x+20,355+r*45}')" \
  "${JPG[@]}" "$OUT/battery-plant.jpg"

# 10. Sichuan opera mask
"$IM" -size ${W}x${H} gradient:'#6a0c0c-#1c0303' \
  -fill 'rgba(0,0,0,0.25)' -draw "$(awk 'BEGIN{for(x=0;x<800;x+=40) printf "rectangle %d,0 %d,450 ",x,x+14}')" \
  -fill '#f3e3c3' -draw "ellipse 400,230 130,170 0,360" \
  -fill '#c8102e' -draw "ellipse 400,300 110,90 0,180" \
  -fill '#111111' -draw "polygon 300,170 380,150 385,175 310,195 polygon 500,170 420,150 415,175 490,195" \
  -fill '#111111' -draw "ellipse 350,215 26,14 0,360 ellipse 450,215 26,14 0,360" \
  -fill '#ffffff' -draw "circle 350,215 350,208 circle 450,215 450,208" \
  -fill '#d4a017' -draw "polygon 400,70 430,130 400,150 370,130" \
  -fill '#111111' -draw "polygon 380,330 420,330 400,350" \
  -fill '#d4a017' -draw "ellipse 400,62 150,26 180,360" \
  "${JPG[@]}" "$OUT/opera-mask.jpg"

# 11. River port cranes
"$IM" -size ${W}x${H} gradient:'#9ec3dd-#f7d9b5' \
  -fill '#7b8c70' -draw "polygon 0,290 250,230 520,280 800,240 800,320 0,320" \
  -fill '#3f6e8c' -draw "rectangle 0,320 800,450" \
  -fill 'rgba(255,255,255,0.25)' -draw "$(awk 'BEGIN{srand(3); for(i=0;i<40;i++){x=int(rand()*780); y=330+int(rand()*110); printf "rectangle %d,%d %d,%d ",x,y,x+20,y+2}}')" \
  -fill '#8a8f95' -draw "rectangle 0,300 800,322" \
  -stroke '#e46a1f' -strokewidth 8 -draw "line 120,300 140,120" -draw "line 200,300 180,120" -draw "line 90,120 300,120" -draw "line 140,120 160,80" \
  -draw "line 420,300 440,110" -draw "line 500,300 480,110" -draw "line 390,110 600,110" -draw "line 440,110 460,70" -stroke none \
  -fill '#b33a2f' -draw "rectangle 560,270 620,300" -fill '#2f5d9e' -draw "rectangle 625,270 685,300 rectangle 590,240 650,268" \
  -fill '#d9822b' -draw "rectangle 690,270 750,300 rectangle 655,240 715,268" \
  -fill '#263746' -draw "polygon 220,330 720,330 690,380 250,380" \
  -fill '#b33a2f' -draw "rectangle 300,300 360,330" -fill '#3d8f7c' -draw "rectangle 365,300 425,330" -fill '#6c7a86' -draw "rectangle 430,300 490,330" \
  "${JPG[@]}" "$OUT/port-cranes.jpg"

# 12. Arch bridge at night
"$IM" -size ${W}x${H} gradient:'#0b1026-#2b3a67' \
  -fill '#ffffff' -draw "$(awk 'BEGIN{srand(5); for(i=0;i<50;i++){x=int(rand()*800); y=int(rand()*150); printf "point %d,%d ",x,y}}')" \
  -fill '#141a33' -draw "$(skyline 51 290 40 140 28 60)" \
  -fill '#e8c36a' -draw "$(windows 52 10 170 790 285)" \
  -fill '#0e1a33' -draw "rectangle 0,300 800,450" \
  -stroke '#f0b429' -strokewidth 6 -fill none -draw "path 'M 80,300 Q 400,20 720,300'" \
  -stroke '#f0b429' -strokewidth 2 -draw "$(awk 'BEGIN{for(x=130;x<700;x+=30){t=(x-80)/640; y=(1-t)*(1-t)*300+2*(1-t)*t*20+t*t*300; if (y<232) printf "line %d,%d %d,232 ",x,y,x}}')" \
  -stroke none -fill '#d9d9d9' -draw "rectangle 0,232 800,240" \
  -fill '#ffe08a' -draw "$(awk 'BEGIN{for(x=10;x<800;x+=40) printf "circle %d,229 %d,226 ",x,x}')" \
  -fill 'rgba(240,180,41,0.25)' -draw "$(awk 'BEGIN{for(y=310;y<450;y+=12) printf "rectangle %d,%d %d,%d ",300+y/3,y,500-y/3+60,y+3}')" \
  "${JPG[@]}" "$OUT/bridge-night.jpg"

# 13. High water on the riverfront
"$IM" -size ${W}x${H} gradient:'#8f999f-#d2d6d3' \
  -fill '#6e7a7e' -draw "$(skyline 61 300 90 220 40 90)" \
  -fill '#b8b0a0' -draw "rectangle 60,200 220,330 rectangle 480,180 660,330" \
  -fill '#6d6458' -draw "$(awk 'BEGIN{for(y=212;y<320;y+=22) for(x=72;x<210;x+=26) printf "rectangle %d,%d %d,%d ",x,y,x+14,y+12; for(y=192;y<320;y+=22) for(x=492;x<650;x+=26) printf "rectangle %d,%d %d,%d ",x,y,x+14,y+12}')" \
  -fill '#3f5a3a' -draw "circle 320,290 320,255 circle 380,300 380,270 rectangle 316,300 324,330" \
  -fill '#8b6b43' -draw "rectangle 0,300 800,450" \
  -fill 'rgba(255,255,255,0.18)' -draw "$(awk 'BEGIN{srand(4); for(i=0;i<45;i++){x=int(rand()*780); y=305+int(rand()*140); printf "rectangle %d,%d %d,%d ",x,y,x+26,y+2}}')" \
  -fill '#c9c2b2' -draw "rectangle 240,296 460,304" \
  "${JPG[@]}" "$OUT/flood-river.jpg"

# 14. Lanterns at night
"$IM" -size ${W}x${H} gradient:'#1d0b2e-#4a1538' \
  -stroke '#2a1a10' -strokewidth 2 -fill none -draw "path 'M 0,60 Q 400,140 800,60'" -draw "path 'M 0,190 Q 400,270 800,190'" -stroke none \
  -fill 'rgba(255,120,60,0.18)' -draw "$(awk 'BEGIN{for(x=60;x<800;x+=110){t=x/800; y=60+160*t*(1-t)*1; printf "circle %d,%d %d,%d ",x,y+45,x,y+95}}')" \
  -fill '#d7261e' -draw "$(awk 'BEGIN{for(x=60;x<800;x+=110){t=x/800; y=60+160*t*(1-t); printf "ellipse %d,%d 28,34 0,360 ",x,y+45}}')" \
  -fill '#d7261e' -draw "$(awk 'BEGIN{for(x=115;x<800;x+=110){t=x/800; y=190+160*t*(1-t); printf "ellipse %d,%d 24,30 0,360 ",x,y+40}}')" \
  -fill '#e8b923' -draw "$(awk 'BEGIN{for(x=60;x<800;x+=110){t=x/800; y=60+160*t*(1-t); printf "rectangle %d,%d %d,%d rectangle %d,%d %d,%d ",x-12,y+8,x+12,y+14,x-2,y+79,x+2,y+100}}')" \
  -fill '#e8b923' -draw "$(awk 'BEGIN{for(x=115;x<800;x+=110){t=x/800; y=190+160*t*(1-t); printf "rectangle %d,%d %d,%d rectangle %d,%d %d,%d ",x-10,y+8,x+10,y+13,x-2,y+70,x+2,y+90}}')" \
  -fill '#120818' -draw "$(skyline 71 450 30 110 40 90)" \
  "${JPG[@]}" "$OUT/lanterns.jpg"

# 15. Bridge deck closure (two cantilevers meeting)
"$IM" -size ${W}x${H} gradient:'#8fc1e3-#e9f3f9' \
  -fill '#6f8a6a' -draw "polygon 0,250 120,220 160,330 0,330 polygon 800,240 680,215 640,330 800,330" \
  -fill '#7c7466' -draw "rectangle 0,330 800,450" \
  -fill 'rgba(255,255,255,0.2)' -draw "$(awk 'BEGIN{srand(8); for(i=0;i<30;i++){x=int(rand()*780); y=340+int(rand()*100); printf "rectangle %d,%d %d,%d ",x,y,x+24,y+2}}')" \
  -fill '#9ba3a8' -draw "rectangle 210,130 240,340 rectangle 560,130 590,340" \
  -stroke '#5c6670' -strokewidth 2 -draw "$(awk 'BEGIN{for(x=60;x<400;x+=22) if (x<210||x>240) printf "line 225,135 %d,206 ",x; for(x=420;x<760;x+=22) if (x<560||x>590) printf "line 575,135 %d,206 ",x}')" -stroke none \
  -fill '#c0392b' -draw "rectangle 0,206 392,218 rectangle 408,206 800,218" \
  -stroke '#f2c200' -strokewidth 5 -draw "line 400,206 400,80" -draw "line 400,80 470,80" -strokewidth 2 -draw "line 460,80 460,150" -stroke none \
  "${JPG[@]}" "$OUT/bridge-deck.jpg"

# Open Graph default (1200x630) with wordmark
font_file() { fc-match -f '%{file}' "$1" 2>/dev/null || true; }
SERIF_BOLD=$(font_file 'DejaVu Serif:bold'); SERIF_BOLD=${SERIF_BOLD:-DejaVu-Serif-Bold}
SANS=$(font_file 'DejaVu Sans'); SANS=${SANS:-DejaVu-Sans}
"$IM" -size 1200x630 gradient:'#8c1c13-#1d2a44' \
  -fill 'rgba(0,0,0,0.35)' -draw "$(skyline 81 630 80 260 40 100 1200)" \
  -fill '#f3efe6' -draw "rectangle 80,200 96,330" \
  -font "$SERIF_BOLD" -pointsize 78 -fill '#ffffff' -annotate +120+280 'Mountain City Herald' \
  -font "$SANS" -pointsize 34 -fill '#f0d9b5' -annotate +124+330 'News from Chongqing and the upper Yangtze' \
  "${JPG[@]}" "$OUT/og-default.jpg"

ls -l "$OUT"
